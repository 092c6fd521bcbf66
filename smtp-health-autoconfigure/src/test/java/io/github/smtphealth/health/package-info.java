/**
 * Tests for the SMTP health indicator and composite against real in-process servers.
 */
@NullMarked
package io.github.smtphealth.health;

import org.jspecify.annotations.NullMarked;
