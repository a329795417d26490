/**
 * The JSON mappers shared by everything that reads or writes JSON (reports, stored runs,
 * settings, AWS responses): foundation, so it depends on nothing of ours.
 */
package dev.greenlight.json;
