/**
 * Reliability and security tests: a corpus of hostile servers, secret canaries, and downgrade and
 * trust checks at the health indicator level.
 */
@NullMarked
package io.github.smtphealth.reliability;

import org.jspecify.annotations.NullMarked;
