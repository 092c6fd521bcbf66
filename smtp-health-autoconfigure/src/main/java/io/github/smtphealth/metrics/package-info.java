/**
 * Micrometer meters and observations for every SMTP probe that ran: latency per probe and per phase,
 * up, certificate expiry, and one observation (a span, with tracing) per probe.
 */
@NullMarked
package io.github.smtphealth.metrics;

import org.jspecify.annotations.NullMarked;
