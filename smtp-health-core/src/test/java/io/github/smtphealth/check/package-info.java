/**
 * Tests for the verdicts, caching, single flight and scheduling of SMTP checks.
 */
@NullMarked
package io.github.smtphealth.check;

import org.jspecify.annotations.NullMarked;
