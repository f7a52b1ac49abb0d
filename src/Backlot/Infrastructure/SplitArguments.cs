namespace Backlot.Infrastructure;

/// <summary>
/// A command line taken apart (<see cref="CommandLineArguments.Split"/>): the configuration settings
/// (<c>--Section:Key=value</c>, <c>--urls …</c>, <c>--no-demo</c>) wherever they stood, and the command
/// with its own options for the command parser.
/// </summary>
/// <param name="Settings">Configuration arguments, in the form ASP.NET Core's command-line provider reads.</param>
/// <param name="Command">The command and what follows it (without the settings); empty when there is no command (serve).</param>
/// <param name="Error">Set when the arguments cannot be understood; nothing may run then, and nothing may serve.</param>
public sealed record SplitArguments(IReadOnlyList<string> Settings, IReadOnlyList<string> Command, string? Error)
{
    /// <summary>No command word: the site is to be served with <see cref="Settings"/> (unless only help or version was asked for).</summary>
    public bool Serves => Error is null && Command.Count == 0;
}
