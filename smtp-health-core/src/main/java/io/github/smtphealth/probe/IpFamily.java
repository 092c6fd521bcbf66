package io.github.smtphealth.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses of the server's host name the probe may connect to.
 *
 * @since 0.1.0
 */
public enum IpFamily {

	/**
	 * Any address, in the order the resolver returns them.
	 */
	ANY,

	/**
	 * IPv4 addresses only.
	 */
	IPV4,

	/**
	 * IPv6 addresses only.
	 */
	IPV6;

	boolean accepts(InetAddress address) {
		return switch (this) {
			case ANY -> true;
			case IPV4 -> address instanceof Inet4Address;
			case IPV6 -> address instanceof Inet6Address;
		};
	}

}
