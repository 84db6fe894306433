-- A script of LuaScriptTest, read from the test's resources: answers how many keys and arguments it was given.
return {#KEYS, #ARGV}
