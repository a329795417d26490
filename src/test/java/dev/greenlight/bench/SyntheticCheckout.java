package dev.greenlight.bench;

import dev.greenlight.runners.local.GitRepo;
import dev.greenlight.wiring.SampleCheckout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A checkout shaped like the sample but the size of a real backend: the template grows to about
 * {@code targetLines} lines with {@code functions} container-image functions (plus queues, alarms and
 * log groups for each), so parsing cost is realistic. Committed, so git checks see a clean repo.
 */
public final class SyntheticCheckout {
    private SyntheticCheckout() {
    }

    public static Path create(Path dir, int functions, int targetLines) throws IOException {
        Path checkout = SampleCheckout.materialise(dir);
        Path template = checkout.resolve("analemma-workflow-os/backend/template.yaml");
        String text = Files.readString(template, StandardCharsets.UTF_8);
        int outputs = text.indexOf("\nOutputs:");
        StringBuilder extra = new StringBuilder();
        int existing = 10;
        for (int i = 0; i < functions - existing; i++) {
            extra.append(function("GeneratedWorker" + i + "Function"));
        }
        int lines = (int) (text.lines().count() + extra.toString().lines().count());
        int k = 0;
        while (lines < targetLines) {
            String alarm = alarm("GeneratedWorker" + (k % Math.max(1, functions - existing)) + "Function", k);
            extra.append(alarm);
            lines += (int) alarm.lines().count();
            k++;
        }
        Files.writeString(template, text.substring(0, outputs) + extra + text.substring(outputs), StandardCharsets.UTF_8);
        try {
            GitRepo git = new GitRepo(checkout);
            git.git("add", "-A");
            git.git("-c", "user.name=bench", "-c", "user.email=bench@greenlight.invalid", "commit", "-q", "-m", "grow template");
        } catch (GitRepo.GitUnavailableException e) {
            throw new IOException(e.getMessage(), e);
        }
        return checkout;
    }

    private static String function(String name) {
        return "\n  " + name + ":\n"
                + "    Type: AWS::Serverless::Function\n"
                + "    Properties:\n"
                + "      Description: generated worker for the benchmark\n"
                + "      PackageType: Image\n"
                + "      ImageUri: !Ref BackendLambdaImageUri\n"
                + "      ImageConfig:\n"
                + "        Command: [\"src.handlers.generated." + name.toLowerCase() + ".lambda_handler\"]\n"
                + "      Role: !GetAtt WorkflowLambdaRole.Arn\n"
                + "      Environment:\n"
                + "        Variables:\n"
                + "          QUEUE_URL: !Ref " + name + "Queue\n"
                + "      Events:\n"
                + "        Work:\n"
                + "          Type: SQS\n"
                + "          Properties:\n"
                + "            Queue: !GetAtt " + name + "Queue.Arn\n"
                + "            BatchSize: 10\n"
                + "\n  " + name + "Queue:\n"
                + "    Type: AWS::SQS::Queue\n"
                + "    Properties:\n"
                + "      VisibilityTimeout: 900\n"
                + "      Tags:\n"
                + "        - Key: owner\n"
                + "          Value: !Sub \"${AWS::StackName}-" + name + "\"\n";
    }

    private static String alarm(String function, int k) {
        return "\n  GeneratedAlarm" + k + ":\n"
                + "    Type: AWS::CloudWatch::Alarm\n"
                + "    Properties:\n"
                + "      AlarmDescription: !Sub \"errors of ${" + function + "}\"\n"
                + "      Namespace: AWS/Lambda\n"
                + "      MetricName: Errors\n"
                + "      Dimensions:\n"
                + "        - Name: FunctionName\n"
                + "          Value: !Ref " + function + "\n"
                + "      Statistic: Sum\n"
                + "      Period: 60\n"
                + "      EvaluationPeriods: 1\n"
                + "      Threshold: " + (k % 5 + 1) + "\n"
                + "      ComparisonOperator: GreaterThanOrEqualToThreshold\n";
    }
}
