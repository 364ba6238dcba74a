# SPDX-License-Identifier: LGPL-2.1-or-later
# ovs-topology.sh: sourced; ovs_build_topology VSCTL… builds the Open vSwitch configuration the
# OVS tests read (tests/data/ovs/dump.json was captured from it), through ovs-vsctl --no-wait
# against an ovsdb-server with no ovs-vswitchd: the status columns vswitchd would fill
# (mac_in_use, link_state, bond_active_slave) are set by hand.
#
#   br0 (system): eth0; bond0 = eth1 + eth2 (active-backup, lacp active, eth2 active);
#                 vnet0 tag 100 with a VM's external_ids; vnet1 trunks 10,20,30; patch-br0;
#                 fake bridge br0.200 (VLAN 200)
#   br1 (system): patch-br1 (peer of patch-br0); internal mgmt0; vxlan0 to 192.0.2.10; tap0
#   br-dpdk (netdev): dpdk0 (0000:41:00.1); vhu1 (dpdkvhostuser); vhuc1 (dpdkvhostuserclient)

ovs_build_topology() {
    # One ovs-vsctl run, one transaction: twenty runs cost seconds on a loaded machine.
    "$@" \
        add-br br0 -- \
        add-port br0 eth0 -- \
        set Interface eth0 mac_in_use='"3c:fd:fe:00:00:01"' link_state=down -- \
        add-bond br0 bond0 eth1 eth2 bond_mode=active-backup lacp=active -- \
        set Interface eth1 mac_in_use='"3c:fd:fe:00:00:02"' link_state=up -- \
        set Interface eth2 mac_in_use='"3C:FD:FE:00:00:0A"' link_state=up -- \
        set Port bond0 bond_active_slave='"3C:FD:FE:00:00:0A"' -- \
        add-port br0 vnet0 tag=100 -- \
        set Interface vnet0 'external_ids:attached-mac="52:54:00:AB:CD:EF"' \
            external_ids:iface-id=5a1f1c1e-7bd8-4d54-9a3e-0a4f3c9b2d11 \
            external_ids:vm-uuid=0d3c4a4e-1f6b-4c8e-8a4e-2f0b9d7c6e55 \
            external_ids:iface-status=active -- \
        add-port br0 vnet1 trunks=10,20,30 -- \
        add-br br1 -- \
        add-port br0 patch-br0 -- set Interface patch-br0 type=patch options:peer=patch-br1 -- \
        add-port br1 patch-br1 -- set Interface patch-br1 type=patch options:peer=patch-br0 -- \
        add-port br1 mgmt0 -- set Interface mgmt0 type=internal -- \
        add-br br0.200 br0 200 -- \
        add-port br1 vxlan0 -- set Interface vxlan0 type=vxlan \
            options:remote_ip=192.0.2.10 options:key=flow -- \
        add-port br1 tap0 -- set Interface tap0 type=tap -- \
        add-br br-dpdk -- set Bridge br-dpdk datapath_type=netdev -- \
        add-port br-dpdk dpdk0 -- set Interface dpdk0 type=dpdk \
            options:dpdk-devargs=0000:41:00.1 -- \
        add-port br-dpdk vhu1 -- set Interface vhu1 type=dpdkvhostuser -- \
        add-port br-dpdk vhuc1 -- set Interface vhuc1 type=dpdkvhostuserclient \
            options:vhost-server-path=/var/run/vhost/vhuc1.sock
}
