namespace Backlot.Infrastructure;

/// <summary>Maps Backlot's own flags onto configuration keys, so "--data x" and "--no-demo" work beside ASP.NET's "--urls".</summary>
public static class CommandLineArguments
{
    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--data"] = "DataPath",
    };

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
