/**
 * The end-to-end delivery check: a probe message sent through the SMTP server and read back from an
 * IMAP mailbox on a background schedule.
 */
@NullMarked
package io.github.smtphealth.delivery;

import org.jspecify.annotations.NullMarked;
