/**
 * Turns probe results into a health verdict and decides when to probe: thresholds, result caching,
 * single flight, concurrent and background refresh. Spring-free.
 */
@NullMarked
package io.github.smtphealth.check;

import org.jspecify.annotations.NullMarked;
