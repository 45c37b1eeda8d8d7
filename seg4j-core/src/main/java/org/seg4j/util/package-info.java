/** Small shared utilities: atomic file writes, JSON/YAML mappers, build provenance. */
package org.seg4j.util;
