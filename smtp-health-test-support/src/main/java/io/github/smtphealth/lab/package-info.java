/**
 * Access to the real SMTP servers of {@code scripts/smtp-lab} for the real-server tests.
 */
@NullMarked
package io.github.smtphealth.lab;

import org.jspecify.annotations.NullMarked;
