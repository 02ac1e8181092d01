# Import by project ID, authentication database and username.
terraform import atlasaccess_database_user.orders_app 32b6e34b3d91647abb20e7b8/admin/orders-app

# Everything after the second "/" is the username, so an AWS IAM ARN imports
# as it is; quote it for the shell because of the "$".
terraform import atlasaccess_database_user.reporting_lambda '32b6e34b3d91647abb20e7b8/$external/arn:aws:iam::123456789012:role/reporting-lambda'
