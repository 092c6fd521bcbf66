/**
 * The SMTP probe: a Spring-free, deadline-bounded check_smtp-style dialogue with one server and its
 * immutable, timed result.
 */
@NullMarked
package io.github.smtphealth.probe;

import org.jspecify.annotations.NullMarked;
