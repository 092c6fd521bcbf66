/**
 * Tests of the sample application over real HTTP.
 */
@NullMarked
package io.github.smtphealth.sample;

import org.jspecify.annotations.NullMarked;
