/**
 * The {@code seg4j} command line (picocli). Each command parses options, calls the public API and
 * prints results; no segmentation logic lives here.
 */
package org.seg4j.cli;
