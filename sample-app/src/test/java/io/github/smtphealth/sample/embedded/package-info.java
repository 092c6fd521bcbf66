/**
 * Tests of the embedded SMTP server and its wiring into the environment.
 */
@NullMarked
package io.github.smtphealth.sample.embedded;

import org.jspecify.annotations.NullMarked;
