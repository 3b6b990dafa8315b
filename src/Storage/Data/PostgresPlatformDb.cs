using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Platform.Storage.Data;

public sealed class PostgresPlatformDb(DbContextOptions<PostgresPlatformDb> options) : PlatformDb(options);

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPlatformDb>
{
    public PostgresPlatformDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlatformDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
