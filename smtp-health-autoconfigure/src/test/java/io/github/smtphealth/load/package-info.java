/**
 * Bounded load and fault tests: a web application under concurrent health requests against a server
 * that never answers, background refresh through an outage, and the heap after many probes.
 */
@NullMarked
package io.github.smtphealth.load;

import org.jspecify.annotations.NullMarked;
