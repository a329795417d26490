/**
 * Turns a run into what people and tools read: text, JSON, JUnit, SARIF, Markdown and HTML reports,
 * GitHub annotations, the diff of two runs, and the signed go/no-go record with its checks.
 */
package dev.greenlight.report;
