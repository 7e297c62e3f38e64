// XGBoost's C API, from Debian's libxgboost-dev (/usr/include/xgboost/c_api.h).
// Only Sources/ChurnModel/Learning/XGBoost.swift imports this module.
#include <xgboost/c_api.h>
