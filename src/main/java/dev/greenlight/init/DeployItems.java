package dev.greenlight.init;

import dev.greenlight.runners.local.SamCheckout;
import dev.greenlight.runners.local.SamWorkflows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.greenlight.init.GenItem.lit;

/**
 * Items for how a template is deployed: the workflow runs {@code sam build} and a
 * {@code sam deploy} with what this template needs (image repositories for the images sam builds,
 * the capabilities its IAM resources and nested applications need, a value for every parameter
 * without a Default), options from samconfig.toml counting as SAM CLI counts them. Without a
 * workflow that deploys the template, one manual item with the command.
 */
final class DeployItems {
    private DeployItems() {
    }

    /** The deploy calls of the template, falling back to deploys whose template only the run knows when it is the only one. */
    static List<SamWorkflows.SamCall> deploys(SamCheckout co, SamCheckout.Template t) {
        List<SamWorkflows.SamCall> deploys = co.workflows().calls("deploy", t.file());
        if (deploys.isEmpty() && co.templates().size() == 1) {
            deploys = co.workflows().calls().stream().filter(c -> c.command().equals("deploy") && c.template() == null).toList();
        }
        return deploys;
    }

    static List<GenItem> of(SamCheckout co, SamCheckout.Template t, String prefix, String stackVar) {
        List<GenItem> out = new ArrayList<>();
        List<SamWorkflows.SamCall> deploys = deploys(co, t);
        String tpl = lit(t.file());
        if (deploys.isEmpty()) {
            out.add(manualDeploy(t, prefix, stackVar));
            return out;
        }
        // one set of items per job that deploys the template (staging, production …)
        Map<String, List<SamWorkflows.SamCall>> byJob = new LinkedHashMap<>();
        deploys.forEach(d -> byJob.computeIfAbsent(d.workflow() + "#" + d.job(), k -> new ArrayList<>()).add(d));
        boolean many = byJob.size() > 1;
        boolean manyWorkflows = deploys.stream().map(SamWorkflows.SamCall::workflow).distinct().count() > 1;
        Set<String> buildWorkflows = new LinkedHashSet<>();
        for (List<SamWorkflows.SamCall> calls : byJob.values()) {
            SamWorkflows.SamCall d = calls.get(0);
            String wf = lit(d.workflow());
            String suffix = !many ? "" : manyWorkflows ? "-" + GenItem.slug(stem(d.workflow()) + "-" + d.job()) : "-" + GenItem.slug(d.job());
            String stepName = stepScope(co, t, d, calls);
            if (buildWorkflows.add(d.workflow())) {
                // a build this checkout's workflows do not show may run elsewhere (a Makefile, another pipeline): a caveat then
                boolean built = co.workflows().calls().stream().anyMatch(c -> c.workflow().equals(d.workflow()) && c.command().equals("build"));
                GenItem build;
                out.add(build = new GenItem(prefix + "sam-build" + (manyWorkflows ? "-" + GenItem.slug(stem(d.workflow())) : ""),
                        lit(shortName(d.workflow())) + " runs sam build before it deploys " + tpl)
                        .why("sam deploy deploys what sam build wrote to .aws-sam/build (code with its dependencies, images built for"
                                + " the declared architecture); without it the functions ship their bare source directories.")
                        .check("workflow-run").with("file", wf).with("command", "sam build")
                        .fix("The sam commands of the workflow", "sam build|missing|not found|No 'sam", "grep -n -E 'sam +(build|deploy)' " + wf));
                if (!built) {
                    build.with("fail-as", "warn").why("sam deploy deploys what sam build wrote to .aws-sam/build; without it the"
                            + " functions ship their bare source directories. No sam build was found in this workflow when the checklist"
                            + " was written: if it runs elsewhere (a Makefile, a script in another repository), this stays a WARN.");
                }
            }
            if (t.functions().stream().anyMatch(f -> f.image() && f.dockerfile() != null)) {
                out.add(scoped(new GenItem(prefix + "sam-deploy-image-repository" + suffix,
                        "sam deploy in job " + lit(d.job()) + " names where the images go (--image-repository, --image-repositories or --resolve-image-repos)")
                        .why("The template has image functions that sam build builds; sam deploy refuses it without an image repository"
                                + " (\"Missing option '--image-repository'\"). samconfig.toml's image_repository counts.")
                        .symptoms("Missing option '--image-repositor(y|ies)'", "Image repositor(y|ies) must be specified"), wf, d, stepName)
                        .with("flags", List.of("--image-repository|--image-repositories|--resolve-image-repos"))
                        .fix("The sam deploy command and samconfig.toml", "image-repositor|resolve-image-repos|lacks",
                                "grep -n -A12 -E 'sam +deploy' " + wf + "; grep -n -E 'image_repositor|resolve_image_repos' -r --include=samconfig.toml ."));
            }
            if (!t.capabilities().isEmpty()) {
                List<String> words = new ArrayList<>();
                for (String cap : t.capabilities()) {
                    if (cap.equals("CAPABILITY_IAM")) {
                        if (!t.capabilities().contains("CAPABILITY_NAMED_IAM")) {
                            words.add("CAPABILITY_IAM|CAPABILITY_NAMED_IAM");
                        }
                    } else {
                        words.add(cap);
                    }
                }
                out.add(scoped(new GenItem(prefix + "sam-deploy-capabilities" + suffix, "sam deploy in job " + lit(d.job())
                        + " acknowledges the capabilities " + tpl + " needs (" + String.join(", ", t.capabilities()) + ")")
                        .why("CloudFormation refuses the change set without them (\"Requires capabilities : [CAPABILITY_IAM]\"). "
                                + lit(String.join("; ", t.capabilityReasons())) + ". samconfig.toml's capabilities counts.")
                        .symptoms("Requires capabilities ?: ?\\[CAPABILITY_\\w+\\]", "InsufficientCapabilities"), wf, d, stepName)
                        .with("flag-includes", Map.of("--capabilities", words))
                        .fix("The sam deploy command and samconfig.toml", "capabilit|lacks",
                                "grep -n -A12 -E 'sam +deploy' " + wf + "; grep -n capabilities -r --include=samconfig.toml ."));
            }
            if (!t.requiredParameters().isEmpty()) {
                Map<String, String> params = new LinkedHashMap<>();
                t.requiredParameters().forEach(p -> params.put(p.name(), "*"));
                out.add(scoped(new GenItem(prefix + "sam-deploy-parameters" + suffix, "sam deploy in job " + lit(d.job())
                        + " passes every parameter of " + tpl + " that has no Default (" + String.join(", ", params.keySet()) + ")")
                        .why("A parameter without a Default needs a value: a new stack fails with \"Parameters: [X] must have values\","
                                + " and an existing one silently keeps its previous value, so the pipeline cannot change it."
                                + " samconfig.toml's parameter_overrides counts.")
                        .symptoms("Parameters: \\[[^\\]]*\\] must have values"), wf, d, stepName)
                        .with("parameters", params)
                        .fix("The parameter overrides of the deploy", "must have values|passes no|parameter-overrides|lacks",
                                "grep -n -E 'parameter-overrides|parameter_overrides' -r " + wf + " --include=samconfig.toml ."));
            }
        }
        return out;
    }

    /** The step name when the job also deploys other templates; the job otherwise. */
    private static String stepScope(SamCheckout co, SamCheckout.Template t, SamWorkflows.SamCall d, List<SamWorkflows.SamCall> mine) {
        boolean others = co.workflows().calls().stream().anyMatch(c -> c.command().equals("deploy") && c.workflow().equals(d.workflow())
                && c.job().equals(d.job()) && !mine.contains(c));
        boolean oneStep = mine.stream().allMatch(c -> d.stepName() != null && d.stepName().equals(c.stepName()));
        return others && oneStep ? d.stepName() : null;
    }

    private static GenItem scoped(GenItem item, String wf, SamWorkflows.SamCall d, String stepName) {
        item.check("workflow-run").with("file", wf).with("job", d.job());
        if (stepName != null) {
            item.with("step", lit(stepName));
        }
        return item.with("command", "sam deploy");
    }

    private static GenItem manualDeploy(SamCheckout.Template t, String prefix, String stackVar) {
        String dir = t.directory().isEmpty() ? "." : lit(t.directory());
        String name = t.file().substring(t.file().lastIndexOf('/') + 1);
        StringBuilder cmd = new StringBuilder("cd " + dir + " && sam build -t " + lit(name) + " && sam deploy --stack-name ${" + stackVar
                + "} --resolve-s3");
        if (t.hasImageFunctions()) {
            cmd.append(" --resolve-image-repos");
        }
        if (!t.capabilities().isEmpty()) {
            cmd.append(" --capabilities ").append(String.join(" ", t.capabilities()));
        }
        if (!t.requiredParameters().isEmpty()) {
            cmd.append(" --parameter-overrides");
            t.requiredParameters().forEach(p -> cmd.append(' ').append(p.name()).append("=…"));
        }
        return new GenItem(prefix + "deploy", "Deploy " + lit(t.file()) + " with sam build and sam deploy")
                .why("No GitHub Actions workflow of this checkout runs sam deploy on this template, so a person deploys it and signs"
                        + " this off. The command below carries what the template needs"
                        + (t.capabilities().isEmpty() ? "" : " (" + String.join(", ", t.capabilities()) + ")") + ".")
                .manual()
                .fix("Build and deploy", null, cmd.toString(), true);
    }

    private static String stem(String workflow) {
        return shortName(workflow).replaceFirst("\\.ya?ml$", "");
    }

    private static String shortName(String workflow) {
        return workflow.substring(workflow.lastIndexOf('/') + 1);
    }
}
