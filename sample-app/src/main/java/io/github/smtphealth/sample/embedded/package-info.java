/**
 * The embedded SMTP server that the sample checks by default: SubEthaSMTP on the loopback interface,
 * with STARTTLS on a certificate made at startup and AUTH.
 */
@NullMarked
package io.github.smtphealth.sample.embedded;

import org.jspecify.annotations.NullMarked;
