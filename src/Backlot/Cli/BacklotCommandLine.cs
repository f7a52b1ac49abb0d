using System.CommandLine;
using Backlot.Infrastructure;
using Spectre.Console;

namespace Backlot.Cli;

/// <summary>
/// The `backlot` command line. With no command, or with only settings ("--urls …", "--data …",
/// "--Key=value" as ASP.NET Core reads them), it serves the site, which is how the integration tests'
/// WebApplicationFactory starts it. The command is found wherever it stands after the settings, and
/// every command takes the server's settings too; a word that is no command is refused (exit 64),
/// never served. Exit codes: 0 done, 1 failed, 65 the input is not what it should
/// be (a file that is not a WordPress export or a backup, an account that breaks a rule).
/// </summary>
public static class BacklotCommandLine
{
    public const int Failed = 1;
    public const int BadInput = 65;
    public const int NotAvailable = 69;

    /// <summary>Exit code for a command line that cannot be understood (EX_USAGE): nothing ran, nothing served.</summary>
    public const int Usage = 64;

    private static readonly string[] Commands = ["serve", "migrate", "import", "export", "backup", "restore", "user", "push"];

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var split = CommandLineArguments.Split(args, Commands);
        if (split.Error is not null)
        {
            await error.WriteLineAsync(split.Error);
            return Usage;
        }

        if (split.Serves)
        {
            return await Program.ServeAsync([.. split.Settings]);
        }

        if (split.Command[0] == "serve" && !split.Command.Any(a => a is "--help" or "-h" or "-?"))
        {
            return await Program.ServeAsync([.. split.Settings, .. split.Command.Skip(1)]); // the site reads its own settings, ASP.NET Core's included
        }

        var root = Build(output, error, split.Settings);
        var parsed = root.Parse([.. split.Command]);
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
    }

    private static RootCommand Build(TextWriter output, TextWriter error, IReadOnlyList<string> settings)
    {
        var context = new CommandContext(output, error, settings);
        var root = new RootCommand("Backlot: a self-hosted publishing platform for entertainment news. With no command, serves the site.");
        root.Options.Add(CommandContext.Data);

        var serve = new Command("serve", "Serve the site (the default). Other ASP.NET Core settings can follow as --Key=value.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5100 (default http://localhost:5000)." };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not add the demo content to a new, empty site." };
        var noCache = new Option<bool>("--no-cache") { Description = "Turn output caching of public pages off (to measure or debug rendering)." };
        serve.Options.Add(urls);
        serve.Options.Add(noDemo);
        serve.Options.Add(noCache);
        serve.SetAction(_ => 0); // only reached for --help: RunAsync hands "serve" to the site before parsing
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Create the database or bring it up to date, then exit.");
        migrate.SetAction((parse, token) => context.MigrateAsync(parse, token));
        root.Subcommands.Add(migrate);

        root.Subcommands.Add(ContentCommands.Import(context));
        root.Subcommands.Add(ContentCommands.Export(context));
        root.Subcommands.Add(ContentCommands.Backup(context));
        root.Subcommands.Add(ContentCommands.Restore(context));

        var user = new Command("user", "Manage sign-in accounts.");
        user.Subcommands.Add(AccountCommands.UserAdd(context));
        root.Subcommands.Add(user);

        var push = new Command("push", "Web push.");
        push.Subcommands.Add(AccountCommands.PushKeys(context));
        root.Subcommands.Add(push);
        return root;
    }
}

/// <summary>
/// What every command shares: where output goes, the data folder, the configuration settings given
/// on the command line (the server's own --Section:Key=value), and how to open the site's services.
/// </summary>
internal sealed class CommandContext(TextWriter output, TextWriter error, IReadOnlyList<string> settings)
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "The data folder (database, media, keys); default: data/ at the repository root, or the DataPath setting.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Print the summary as JSON (for scripts) instead of a table." };

    public TextWriter Output { get; } = output;
    public TextWriter Error { get; } = error;

    public IAnsiConsole Console(bool forJson) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(forJson ? TextWriter.Null : Output),
        Ansi = AnsiSupport.Detect,
        ColorSystem = ColorSystemSupport.Detect,
        Interactive = InteractionSupport.Detect,
    });

    /// <summary>
    /// Builds the same service container as the site (Program.CreateBuilder: every feature's Add…),
    /// without starting the web server; optionally migrates the database first.
    /// </summary>
    public async Task<WebApplication?> OpenSiteAsync(System.CommandLine.ParseResult parse, bool prepareDatabase)
    {
        var data = parse.GetValue(Data);
        // Commands talk through their own output: the site's information logs would only clutter it.
        // EF Core's own error log would print a stack trace before the command's one line saying what failed.
        // The operator's settings come after the quiet defaults, so they may turn logging up again.
        string[] arguments =
        [
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Critical", .. settings,
            .. data is { Length: > 0 } ? [$"--DataPath={Path.GetFullPath(data)}"] : Array.Empty<string>(),
        ];
        var builder = Program.CreateBuilder(arguments);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var app = builder.Build();
        if (prepareDatabase && !await app.TryPrepareDatabaseAsync())
        {
            await app.DisposeAsync();
            return null;
        }

        return app;
    }

    public async Task<int> MigrateAsync(System.CommandLine.ParseResult parse, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var app = await OpenSiteAsync(parse, prepareDatabase: true);
        if (app is null)
        {
            return BacklotCommandLine.Failed;
        }

        await Output.WriteLineAsync($"The database is up to date ({app.Services.GetRequiredService<Infrastructure.DataFolder>().Path}).");
        return 0;
    }

    public int NotAvailable(string command, string why)
    {
        Error.WriteLine($"{command} is not available yet: {why}.");
        return BacklotCommandLine.NotAvailable;
    }

    public async Task<int> FailAsync(string message, int exitCode = BacklotCommandLine.Failed)
    {
        await Error.WriteLineAsync(message);
        return exitCode;
    }
}
