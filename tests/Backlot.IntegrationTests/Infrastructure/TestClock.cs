namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>A clock the test moves: real time plus an offset.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;

    public void Advance(TimeSpan by) => offset += by;
}
