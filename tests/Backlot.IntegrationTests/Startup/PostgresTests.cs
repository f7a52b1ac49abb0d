using Backlot.Data;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Backlot.IntegrationTests.Startup;

/// <summary>Every integration test runs on PostgreSQL when BACKLOT_TEST_POSTGRES is set; this one proves it is really so.</summary>
public sealed class PostgresTests(BacklotFactory site) : IClassFixture<BacklotFactory>
{
    [Fact]
    public async Task With_a_postgres_server_configured_the_site_runs_on_postgres_with_every_migration_applied()
    {
        TestEnvironment.RequirePostgres();

        await site.WithDbAsync(async db =>
        {
            Assert.IsType<PostgresBacklotDb>(db);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Articles.CountAsync() >= 10);
        });
    }
}
