package dev.greenlight;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM options the desktop app ships with are written in three places: the runtime image
 * (jlink/image.properties), the launcher (jlink/greenlight.sh) and the GUI benchmark's JVM
 * (pom.xml). The benchmark only measures the app as shipped while the three agree.
 */
class PackagingTest {
    private static String one(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s in the file", regex).isTrue();
        return m.group(1).trim();
    }

    @Test
    void theBenchmarkRunsWithTheOptionsTheImageAndTheLauncherGiveTheApp() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String image = Files.readString(Path.of("jlink/image.properties"));
        String launcher = Files.readString(Path.of("jlink/greenlight.sh"));

        String bench = one(pom, "<app\\.jvm\\.options>([^<]*)</app\\.jvm\\.options>");
        String inImage = one(image, "\"--add-options=([^\"]*)\"");
        String forTheApp = one(launcher, "\\ncli_jit=\"([^\"]*)\"");

        assertThat(inImage).contains("-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=10");
        assertThat(bench).isEqualTo(inImage + " " + forTheApp);
        assertThat(pom).contains("<argLine>-Xmx2g -Dfile.encoding=UTF-8 ${app.jvm.options} ${bench.jvm}</argLine>");
    }
}
