/**
 * The parts of the benchmark run that are not JMH: check_smtp, the HTTP health endpoint, scale,
 * heap and startup measurements.
 */
@NullMarked
package io.github.smtphealth.benchmarks.sections;

import org.jspecify.annotations.NullMarked;
