using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Platform.Storage.Data;

public sealed class SqlitePlatformDb(DbContextOptions<SqlitePlatformDb> options) : PlatformDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        base.ConfigureConventions(builder);
        // SQLite has no time type: store UTC ticks so that ordering and comparisons run in the database.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePlatformDb>
{
    public SqlitePlatformDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlatformDb>().UseSqlite("Data Source=design.db").Options);
}
