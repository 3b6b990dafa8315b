using Platform.TestKit;

namespace Platform.Api.Tests;

// Every API test class runs twice: on embedded SQLite and on PostgreSQL; the job and host tests also run on the
// production shape, PostgreSQL with the S3 object store (s3rver).
public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app);
public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app);
public sealed class TokenTestsOnSqlite(SqliteApp app) : TokenTests<SqliteApp>(app);
public sealed class TokenTestsOnPostgres(PostgresApp app) : TokenTests<PostgresApp>(app);
public sealed class WorkspaceTestsOnSqlite(SqliteApp app) : WorkspaceTests<SqliteApp>(app);
public sealed class WorkspaceTestsOnPostgres(PostgresApp app) : WorkspaceTests<PostgresApp>(app);
public sealed class MemberTestsOnSqlite(SqliteApp app) : MemberTests<SqliteApp>(app);
public sealed class MemberTestsOnPostgres(PostgresApp app) : MemberTests<PostgresApp>(app);
public sealed class StrangerTestsOnSqlite(SqliteApp app) : StrangerTests<SqliteApp>(app);
public sealed class StrangerTestsOnPostgres(PostgresApp app) : StrangerTests<PostgresApp>(app);
public sealed class BadInputTestsOnSqlite(SqliteApp app) : BadInputTests<SqliteApp>(app);
public sealed class BadInputTestsOnPostgres(PostgresApp app) : BadInputTests<PostgresApp>(app);
public sealed class OperationTestsOnSqlite(SqliteApp app) : OperationTests<SqliteApp>(app);
public sealed class OperationTestsOnPostgres(PostgresApp app) : OperationTests<PostgresApp>(app);
public sealed class OperationTestsOnPostgresAndS3(ProductionApp app) : OperationTests<ProductionApp>(app);
public sealed class LiveEventTestsOnSqlite(SqliteApp app) : LiveEventTests<SqliteApp>(app);
public sealed class LiveEventTestsOnPostgres(PostgresApp app) : LiveEventTests<PostgresApp>(app);
public sealed class HostTestsOnSqlite(SqliteApp app) : HostTests<SqliteApp>(app);
public sealed class HostTestsOnPostgres(PostgresApp app) : HostTests<PostgresApp>(app);
public sealed class HostTestsOnPostgresAndS3(ProductionApp app) : HostTests<ProductionApp>(app);
public sealed class UploadTestsOnSqlite(SqliteApp app) : UploadTests<SqliteApp>(app);
public sealed class UploadTestsOnPostgresAndS3(ProductionApp app) : UploadTests<ProductionApp>(app);
public sealed class DatasetImportTestsOnSqlite(SqliteApp app) : DatasetImportTests<SqliteApp>(app);
public sealed class DatasetImportTestsOnPostgres(PostgresApp app) : DatasetImportTests<PostgresApp>(app);
public sealed class DatasetVersionTestsOnSqlite(SqliteApp app) : DatasetVersionTests<SqliteApp>(app);
public sealed class DatasetVersionTestsOnPostgresAndS3(ProductionApp app) : DatasetVersionTests<ProductionApp>(app);
public sealed class RoundTripTestsOnSqlite(SqliteApp app) : RoundTripTests<SqliteApp>(app);
public sealed class RoundTripTestsOnPostgresAndS3(ProductionApp app) : RoundTripTests<ProductionApp>(app);
public sealed class DatasetSafetyTestsOnSqlite(SqliteApp app) : DatasetSafetyTests<SqliteApp>(app);
public sealed class DatasetSafetyTestsOnPostgres(PostgresApp app) : DatasetSafetyTests<PostgresApp>(app);
public sealed class OperationRecoveryTestsOnSqlite(SqliteApp app) : OperationRecoveryTests<SqliteApp>(app);
public sealed class OperationRecoveryTestsOnPostgres(PostgresApp app) : OperationRecoveryTests<PostgresApp>(app);
public sealed class ErrorResponseTestsOnSqlite(SqliteWebApp app) : ErrorResponseTests<SqliteWebApp>(app);
public sealed class ErrorResponseTestsOnPostgres(PostgresWebApp app) : ErrorResponseTests<PostgresWebApp>(app);
