/**
 * What the benchmarks talk to and with: a minimal in-process SMTP server, the real lab servers, the
 * floor client and the JavaMail client.
 */
@NullMarked
package io.github.smtphealth.benchmarks.support;

import org.jspecify.annotations.NullMarked;
