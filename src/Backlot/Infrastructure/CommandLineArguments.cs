namespace Backlot.Infrastructure;

/// <summary>Maps Backlot's own flags onto configuration keys, so "--data x" and "--no-demo" work beside ASP.NET's "--urls".</summary>
public static class CommandLineArguments
{
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--data"] = "DataPath",
    };

    /// <summary>Flags that take no value: whatever follows them is not theirs.</summary>
    private static readonly HashSet<string> Flags = new(StringComparer.OrdinalIgnoreCase) { "--no-demo", "--no-cache" };

    /// <summary>Asking for help or the version, which the command parser answers.</summary>
    private static readonly HashSet<string> HelpFlags = new(StringComparer.Ordinal) { "--help", "-h", "-?", "--version" };

    /// <summary>
    /// Finds the command wherever it stands, not only first: settings may come before it
    /// ("--data DIR user add …", "--Database:Provider=Postgres migrate") and configuration settings
    /// (a key with a colon) after it. A word that is not a command is an error, never a reason to
    /// serve. "--data" before a command is handed to the command (its own option); help flags
    /// before a command ask for that command's help.
    /// </summary>
    public static SplitArguments Split(IReadOnlyList<string> args, IReadOnlyCollection<string> commands)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(commands);
        List<string> settings = [];
        List<string> command = [];
        List<string> help = [];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith('-');
            if (command.Count == 0)
            {
                if (HelpFlags.Contains(arg))
                {
                    help.Add(arg);
                }
                else if (arg is "--data" || arg.StartsWith("--data=", StringComparison.Ordinal))
                {
                    // Kept for the command, which reads its own --data; a serve hands it to configuration.
                    help.Add(arg);
                    if (arg is "--data" && hasValue)
                    {
                        help.Add(args[++i]);
                    }
                }
                else if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
                {
                    settings.Add(arg);
                    if (!arg.Contains('=', StringComparison.Ordinal) && !Flags.Contains(arg) && hasValue)
                    {
                        settings.Add(args[++i]);
                    }
                }
                else if (arg.StartsWith('-'))
                {
                    return new SplitArguments(settings, [], $"Unknown option {arg}: settings are written --Key=value (for example --Database:Provider=Postgres); see --help.");
                }
                else if (commands.Contains(arg))
                {
                    command.Add(arg);
                }
                else
                {
                    return new SplitArguments(settings, [], $"'{arg}' is not a command. Commands: {string.Join(", ", commands)}; settings are written --Key=value; see --help.");
                }
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && IsConfigurationKey(arg))
            {
                settings.Add(arg);
                if (!arg.Contains('=', StringComparison.Ordinal) && hasValue)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                command.Add(arg);
            }
        }

        if (command.Count == 0)
        {
            // Serving: --data is a setting like any other. Only help or the version parse as a command.
            var dataSettings = help.Where(h => !HelpFlags.Contains(h)).ToList();
            var helpOnly = help.Where(HelpFlags.Contains).ToList();
            return new SplitArguments([.. settings, .. dataSettings], helpOnly, null);
        }

        return new SplitArguments(settings, [.. command, .. help], null);
    }

    /// <summary>"--Section:Key=value" or "--Section:Key": a configuration path, which no command option looks like.</summary>
    private static bool IsConfigurationKey(string arg)
    {
        var key = arg.AsSpan(2);
        var end = key.IndexOf('=');
        return (end < 0 ? key : key[..end]).Contains(':');
    }

    /// <summary>Rewrites value-less flags into key=value pairs the configuration reader understands.</summary>
    public static string[] Normalize(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => a switch
        {
            "--no-demo" => "--Demo:Enabled=false",
            "--no-cache" => "--Site:OutputCache=false",
            _ => a,
        })];
    }
}
