/**
 * The harness that runs every benchmark of smtp-health in one go and writes {@code BENCHMARKS.md}.
 */
@NullMarked
package io.github.smtphealth.benchmarks;

import org.jspecify.annotations.NullMarked;
