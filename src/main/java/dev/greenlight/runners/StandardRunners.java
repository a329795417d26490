package dev.greenlight.runners;

import dev.greenlight.engine.RunnerRegistry;
import dev.greenlight.runners.aws.CfnStackRunner;
import dev.greenlight.runners.aws.EcrImageRunner;
import dev.greenlight.runners.aws.LambdaConfigRunner;
import dev.greenlight.runners.aws.LambdaInvokeRunner;
import dev.greenlight.runners.aws.LogsColdStartRunner;
import dev.greenlight.runners.aws.LogsPatternRunner;
import dev.greenlight.runners.aws.SfnDefinitionRunner;
import dev.greenlight.runners.aws.StsIdentityRunner;
import dev.greenlight.runners.local.CfnParametersRunner;
import dev.greenlight.runners.local.CfnPropertyRunner;
import dev.greenlight.runners.local.CfnSubstitutionsRunner;
import dev.greenlight.runners.local.CommandRunner;
import dev.greenlight.runners.local.DockerfileRunner;
import dev.greenlight.runners.local.FileExistsRunner;
import dev.greenlight.runners.local.GitNotIgnoredRunner;
import dev.greenlight.runners.local.GitTrackedRunner;
import dev.greenlight.runners.local.JsonValueRunner;
import dev.greenlight.runners.local.LambdaHandlerRunner;
import dev.greenlight.runners.local.PythonCallRunner;
import dev.greenlight.runners.local.PythonImportRunner;
import dev.greenlight.runners.local.TextRunner;
import dev.greenlight.runners.local.WorkflowRunRunner;
import dev.greenlight.runners.local.WorkflowStepRunner;
import dev.greenlight.runners.local.WorkflowTriggerRunner;

/** The runners Greenlight ships: adding one is one line here. */
public final class StandardRunners {
    private StandardRunners() {
    }

    public static RunnerRegistry registry() {
        RunnerRegistry r = new RunnerRegistry();
        r.register(new FileExistsRunner());
        r.register(new TextRunner());
        r.register(new PythonImportRunner());
        r.register(new PythonCallRunner());
        r.register(new DockerfileRunner());
        r.register(new CfnPropertyRunner());
        r.register(new CfnSubstitutionsRunner());
        r.register(new CfnParametersRunner());
        r.register(new LambdaHandlerRunner());
        r.register(new JsonValueRunner());
        r.register(new WorkflowStepRunner());
        r.register(new WorkflowRunRunner());
        r.register(new WorkflowTriggerRunner());
        r.register(new GitTrackedRunner());
        r.register(new GitNotIgnoredRunner());
        r.register(new CommandRunner());
        r.register(new StsIdentityRunner());
        r.register(new CfnStackRunner());
        r.register(new EcrImageRunner());
        r.register(new SfnDefinitionRunner());
        r.register(new LambdaConfigRunner());
        r.register(new LambdaInvokeRunner());
        r.register(new LogsPatternRunner());
        r.register(new LogsColdStartRunner());
        return r;
    }
}
