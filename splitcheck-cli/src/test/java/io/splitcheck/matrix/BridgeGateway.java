package io.splitcheck.matrix;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Network;

/** The engine's default bridge gateway: a UDP connect() to it picks a route and sends nothing. */
final class BridgeGateway {
  private BridgeGateway() {}

  static String address(DockerClient docker) {
    Network bridge = docker.inspectNetworkCmd().withNetworkId("bridge").exec();
    for (Network.Ipam.Config c : bridge.getIpam().getConfig()) {
      if (c.getGateway() != null && !c.getGateway().isEmpty()) {
        return c.getGateway();
      }
      if (c.getSubnet() != null && c.getSubnet().contains(".")) {
        String base = c.getSubnet().substring(0, c.getSubnet().indexOf('/'));
        return base.substring(0, base.lastIndexOf('.')) + ".1";
      }
    }
    throw new IllegalStateException("bridge network has no IPv4 subnet: " + bridge.getIpam());
  }
}
