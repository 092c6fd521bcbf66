package io.github.smtphealth.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into addresses. The probe calls it on a separate thread, bounded by its deadline,
 * so an implementation may block.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HostResolver {

	/**
	 * The system resolver ({@link InetAddress#getAllByName(String)}).
	 */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * Resolve the host name.
	 * @param host the host name
	 * @return the addresses, in the order to try them
	 * @throws UnknownHostException if the name does not resolve
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
