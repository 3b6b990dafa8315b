using Platform.Api.Datasets;
using Shouldly;
using Xunit;

namespace Platform.Api.Tests;

public class UploadHashesTests
{
    [Fact]
    public void AnUploadLeftIdleIsForgottenWhenAnotherStartsWhileActiveOnesAreKept()
    {
        var clock = new ManualClock();
        var hashes = new UploadHashes(clock);
        Guid idle = Guid.NewGuid(), active = Guid.NewGuid(), next = Guid.NewGuid();
        hashes.Append(idle, 0, new byte[10]);
        hashes.Append(active, 0, new byte[10]);
        clock.Advance(UploadHashes.IdleLimit / 2);
        hashes.Append(active, 10, new byte[10]);
        clock.Advance((UploadHashes.IdleLimit / 2) + TimeSpan.FromMinutes(1));

        hashes.Append(next, 0, new byte[10]);

        hashes.InProgress.ShouldBe(2, "the idle upload is dropped; it would be hashed from its stored chunks if it completes");
        hashes.Append(idle, 10, new byte[10]);
        hashes.InProgress.ShouldBe(2, "a chunk of a forgotten upload does not bring back a partial hash");
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
