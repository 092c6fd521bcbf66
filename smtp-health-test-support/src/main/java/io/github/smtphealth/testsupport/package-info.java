/**
 * Test support shared by every module: in-memory certificates, a scripted misbehaving SMTP server and
 * a thread and file descriptor leak check.
 */
@NullMarked
package io.github.smtphealth.testsupport;

import org.jspecify.annotations.NullMarked;
