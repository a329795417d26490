package dev.greenlight.runners;

import dev.greenlight.engine.RunnerRegistry;

/** The runners Greenlight ships: adding one is one line here. */
public final class StandardRunners {
    private StandardRunners() {
    }

    public static RunnerRegistry registry() {
        return new RunnerRegistry()
                .register(new dev.greenlight.runners.local.FileExistsRunner())
                .register(new dev.greenlight.runners.aws.CfnStackRunner())
                .register(new dev.greenlight.runners.aws.StsIdentityRunner())
                .register(new dev.greenlight.runners.aws.EcrImageRunner())
                .register(new dev.greenlight.runners.aws.SfnDefinitionRunner())
                .register(new dev.greenlight.runners.aws.LambdaConfigRunner())
                .register(new dev.greenlight.runners.aws.LambdaInvokeRunner());
    }
}
