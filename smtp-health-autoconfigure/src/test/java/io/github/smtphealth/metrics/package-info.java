/**
 * Tests for the Micrometer meters of the SMTP health check.
 */
@NullMarked
package io.github.smtphealth.metrics;

import org.jspecify.annotations.NullMarked;
