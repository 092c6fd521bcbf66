/**
 * The sample application.
 */
@NullMarked
package io.github.smtphealth.sample;

import org.jspecify.annotations.NullMarked;
