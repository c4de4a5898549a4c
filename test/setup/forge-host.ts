// Installs the local Forge host's platform globals before any test imports a @forge/* package.
import '../../sandbox/forge-host/globals';
