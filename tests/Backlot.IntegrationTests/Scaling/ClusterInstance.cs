using Backlot.IntegrationTests.Infrastructure;

namespace Backlot.IntegrationTests.Scaling;

/// <summary>
/// One instance of a two-instance site: the first owns the database (with the demo content), the
/// second has a data folder of its own and the first one's database, as behind a load balancer.
/// </summary>
public sealed class ClusterInstance(BacklotFactory? databaseOwner, IReadOnlyDictionary<string, string?> shared)
    : BacklotFactory(withDemo: databaseOwner is null, realServer: false, onPostgres: databaseOwner is null && TestEnvironment.AllOnPostgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(shared);
            foreach (var (key, value) in databaseOwner?.DatabaseSettings ?? new Dictionary<string, string?>())
            {
                settings[key] = value;
            }

            return settings;
        }
    }
}
