using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>
/// The demo site as operators run it (Production: the exception handler and error pages, not the
/// developer page), its log captured, and a sign-in limit low enough to reach in a test.
/// </summary>
public class ProductionSiteFactory : BacklotFactory
{
    public const int SignInAttemptsPerMinute = 3;

    public ProductionSiteFactory() : base(withDemo: true, realServer: false, TestEnvironment.AllOnPostgres)
    {
    }

    public CapturedLogs Logs { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:SignInAttemptsPerMinute"] = SignInAttemptsPerMinute.ToString(CultureInfo.InvariantCulture),
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }
}
