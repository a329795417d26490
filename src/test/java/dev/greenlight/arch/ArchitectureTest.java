package dev.greenlight.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture of HOUSE-STYLE.md, checked on the compiled classes (so a fully qualified name
 * in the code counts like an import): dependencies point inward through the layers, no package
 * reaches itself again through others, JavaFX stays in the window's packages, only the CLI writes
 * to standard output, and only the FX bridge hands work to the FX thread.
 */
@AnalyzeClasses(packages = "dev.greenlight", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Inner layers know nothing of outer ones. The launchers (the root package) and the build-time
     * trainer (compiled only for the image build, so optional) sit on top; the CLI and the window
     * beside each other, neither using the other.
     */
    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Launchers").definedBy("dev.greenlight")
            .optionalLayer("Build").definedBy("dev.greenlight.build..")
            .layer("App").definedBy("dev.greenlight.app..")
            .layer("Ui").definedBy("dev.greenlight.ui..")
            .layer("Cli").definedBy("dev.greenlight.cli..")
            .layer("Init").definedBy("dev.greenlight.init..")
            .layer("Wiring").definedBy("dev.greenlight.wiring..")
            .layer("Services").definedBy("dev.greenlight.runners..", "dev.greenlight.report..", "dev.greenlight.store..",
                    "dev.greenlight.log..", "dev.greenlight.oncall..", "dev.greenlight.signoff..", "dev.greenlight.schema..")
            .layer("Loader").definedBy("dev.greenlight.loader..")
            .layer("Engine").definedBy("dev.greenlight.engine..")
            .layer("Model").definedBy("dev.greenlight.model..")
            .layer("Foundation").definedBy("dev.greenlight.yaml..", "dev.greenlight.files..", "dev.greenlight.json..")

            .whereLayer("Launchers").mayNotBeAccessedByAnyLayer()
            .whereLayer("Build").mayNotBeAccessedByAnyLayer()
            .whereLayer("App").mayOnlyBeAccessedByLayers("Launchers", "Build")
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Launchers", "Build")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App", "Build")
            .whereLayer("Init").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Cli")
            .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Ui", "Cli", "Init")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Ui", "Cli", "Init", "Wiring")
            .whereLayer("Loader").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Ui", "Cli", "Init", "Wiring", "Services")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Ui", "Cli", "Init", "Wiring", "Services", "Loader")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Launchers", "Build", "App", "Ui", "Cli", "Init", "Wiring", "Services", "Loader", "Engine");

    /** Every package is a slice of its own: no package may reach itself again through others. */
    @ArchTest
    static final ArchRule noPackageCycles = slices().assignedFrom(new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("dev.greenlight") ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of dev.greenlight";
        }
    }).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noJavaFxOutsideTheWindow = noClasses()
            .that().resideOutsideOfPackages("dev.greenlight.app..", "dev.greenlight.ui..", "dev.greenlight", "dev.greenlight.build..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
            .because("the engine, runners and CLI run headless, and logic knows nothing of the GUI (HOUSE-STYLE.md)");

    @ArchTest
    static final ArchRule onlyTheCliWritesToStandardStreams = noClasses()
            .that().resideOutsideOfPackages("dev.greenlight.cli..").and().doNotHaveFullyQualifiedName("dev.greenlight.Main")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .orShould().callMethod(Throwable.class, "printStackTrace")
            .because("standard output is the CLI's contract (reports, exit codes); everything else logs");

    @ArchTest
    static final ArchRule onlyTheFxBridgeCallsRunLater = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.greenlight.app.FxBridge")
            .should().callMethod("javafx.application.Platform", "runLater", Runnable.class.getName())
            .because("the UI changes only on the FX thread, through one small bridge");
}
