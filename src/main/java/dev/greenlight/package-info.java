/**
 * The launchers only: {@link dev.greenlight.Main} (CLI with arguments, window without) and
 * {@link dev.greenlight.GuiLauncher}. Layers, from the inside out (enforced by
 * {@code arch/ArchitectureTest}): {@code yaml}, {@code files}, {@code json}; {@code model}; {@code engine};
 * {@code loader}; {@code runners}, {@code report}, {@code store}, {@code log}, {@code oncall},
 * {@code signoff}, {@code schema}; {@code wiring}; {@code init} (a checklist written from a checkout);
 * {@code cli} beside {@code ui} and {@code app}.
 */
package dev.greenlight;
