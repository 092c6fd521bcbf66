/**
 * JMH benchmarks of one SMTP health check: our probe, the raw-socket floor and Spring's JavaMail path.
 */
@NullMarked
package io.github.smtphealth.benchmarks.jmh;

import org.jspecify.annotations.NullMarked;
