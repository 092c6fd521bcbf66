/**
 * Tests of the SMTP probe: its parser, settings and secrets, and its dialogue against in-process and
 * scripted misbehaving servers.
 */
@NullMarked
package io.github.smtphealth.probe;

import org.jspecify.annotations.NullMarked;
