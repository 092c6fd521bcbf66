/**
 * Micrometer meters for every SMTP probe that ran: latency per probe and per phase, up, failures and
 * certificate expiry.
 */
@NullMarked
package io.github.smtphealth.metrics;

import org.jspecify.annotations.NullMarked;
