/**
 * Tests for the delivery check engine against GreenMail (SMTP and IMAP in this JVM).
 */
@NullMarked
package io.github.smtphealth.delivery;

import org.jspecify.annotations.NullMarked;
