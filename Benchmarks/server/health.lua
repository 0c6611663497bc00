-- wrk: GET /health, with the RESULT line of report.lua.
dofile(os.getenv("REPORT_LUA"))
