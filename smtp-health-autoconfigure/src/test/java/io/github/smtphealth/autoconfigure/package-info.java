/**
 * Tests for the auto-configuration of the SMTP health check and its default status order.
 */
@NullMarked
package io.github.smtphealth.autoconfigure;

import org.jspecify.annotations.NullMarked;
